using KubeAdvisor.Agent;

try
{
    await AgentHost.Build(args).RunAsync();
    return 0;
}
catch (InvalidOperationException e) when (e.Message.StartsWith("The agent is not configured", StringComparison.Ordinal))
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
