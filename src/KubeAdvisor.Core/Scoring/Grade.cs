namespace KubeAdvisor.Core.Scoring;

/// <summary>Letter grade of a score: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F.</summary>
public enum Grade
{
    /// <summary>Score ≥ 90.</summary>
    A,
    /// <summary>80 ≤ score &lt; 90.</summary>
    B,
    /// <summary>70 ≤ score &lt; 80.</summary>
    C,
    /// <summary>60 ≤ score &lt; 70.</summary>
    D,
    /// <summary>Score &lt; 60.</summary>
    F,
}
