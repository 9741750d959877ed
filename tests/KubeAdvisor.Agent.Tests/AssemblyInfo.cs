// Hangfire's JobStorage.Current is process-wide: never run two web hosts' tests at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
