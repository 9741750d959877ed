namespace KubeAdvisor.Cli;

/// <summary>A run that cannot start or go on (bad arguments, unreadable input or settings, server errors): exit 2 with the message.</summary>
internal sealed class UsageException(string message) : Exception(message);
