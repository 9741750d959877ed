using KubeAdvisor.ScaleBench;

return args.FirstOrDefault() switch
{
    "fake-server" => await FakeServerVerb.RunAsync(BenchArgs.Parse(args)),
    "scan-scale" => await ScanScaleVerb.RunAsync(BenchArgs.Parse(args)),
    "dashboard-seed" => await DashboardSeedVerb.RunAsync(BenchArgs.Parse(args)),
    "dashboard-load" => await DashboardLoadVerb.RunAsync(BenchArgs.Parse(args)),
    "findings-walk" => await FindingsWalkVerb.RunAsync(BenchArgs.Parse(args)),
    "page-load" => await PageLoadVerb.RunAsync(BenchArgs.Parse(args)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: KubeAdvisor.ScaleBench <verb> [options]
          fake-server    --workloads 10000            serve a synthetic cluster; prints one JSON line, serves until stdin closes
          scan-scale     --db <cs> [--workloads 10000] [--scans 2] [--downloads 3]
          dashboard-seed --db <cs> [--clusters 50] [--days 365] [--findings 100000] [--scan-every-hours 1] [--rollup-days 730] [--summary-days 90]
          dashboard-load --db <cs> [--runs 30] [--warmup 5]
          findings-walk  --db <cs>                    the largest cluster's open findings by offset, by cursor, as CSV
          page-load      --url <app> --email <e> --password <p> [--runs 20] [--warmup 3] [--pages "/clusters=[sel];/=[sel]"]
                                                      pages of a running app in Chromium, to first meaningful content
        """);
    return 2;
}
