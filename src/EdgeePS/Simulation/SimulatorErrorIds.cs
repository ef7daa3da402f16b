namespace EdgeePS.Simulation
{
    /// <summary>
    /// The stable error identifiers of the simulator's cmdlets (about_EdgeePS_Testing lists them). Like
    /// <see cref="EdgeeErrorIds"/>, they never carry variable data.
    /// </summary>
    internal static class SimulatorErrorIds
    {
        // Start-EdgeeSimulator: no loopback port could be opened.
        public const string SimulatorStartFailed = "SimulatorStartFailed";

        // Add-EdgeeSimulatorResponse: a response that cannot be built, reported before anything is queued.
        public const string ResponseMissing = "ResponseMissing";
        public const string StatusConflictsWithAnswer = "StatusConflictsWithAnswer";
        public const string StatusMissing = "StatusMissing";
        public const string StallParametersIncomplete = "StallParametersIncomplete";
        public const string FaultBeyondAnswer = "FaultBeyondAnswer";
        public const string InvalidToolCall = "InvalidToolCall";
        public const string InvalidUsage = "InvalidUsage";

        // Add-EdgeeSimulatorResponse on a simulator already stopped.
        public const string SimulatorStopped = "SimulatorStopped";
    }
}
