using KubeAdvisor.AdmissionBench;

// Usage:
//   AdmissionBench URL CA_PEM [rate=200] [seconds=30]   real HTTPS reviews at a steady rate against a running agent
//   AdmissionBench handler [reviews=40000]               the webhook's handler in process: bytes allocated, CPU and GCs per review
if (args.Length > 0 && args[0] == "handler")
{
    await HandlerRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40_000);
    return;
}

await LoadRun.RunAsync(args);
