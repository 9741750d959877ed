namespace KubeAdvisor.Testing;

/// <summary>
/// The one way tests wait for something asynchronous (a scan, a push, a page): poll until it holds, give up with a
/// message after a generous timeout. A wait, never a speed assertion: on a busy machine it simply takes longer.
/// </summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until it returns a value; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    /// <param name="probe">Returns null while the thing is not there yet.</param>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="describe">What was awaited, for the exception (evaluated only when giving up).</param>
    /// <param name="giveUp">Stops waiting at once when true (e.g. the process that should deliver has exited).</param>
    /// <param name="interval">Between polls; default 200 ms.</param>
    public static async Task<T> ValueAsync<T>(
        Func<Task<T?>> probe, TimeSpan timeout, Func<string> describe, Func<bool>? giveUp = null, TimeSpan? interval = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(describe);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline || giveUp?.Invoke() == true)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {describe()}.");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static Task UntilAsync(
        Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe, Func<bool>? giveUp = null, TimeSpan? interval = null) =>
        ValueAsync<object>(async () => await condition() ? true : null, timeout, describe, giveUp, interval);
}
