namespace EdgeePS.Simulation
{
    /// <summary>A tool call the simulated model asks for: its id, the function's name and the arguments as JSON text.</summary>
    internal sealed class SimulatedToolCall
    {
        public SimulatedToolCall(string id, string name, string argumentsJson)
        {
            Id = id;
            Name = name;
            ArgumentsJson = argumentsJson;
        }

        public string Id { get; }

        public string Name { get; }

        /// <summary>Sent as given: a test may hand the runbook arguments that are not valid JSON on purpose.</summary>
        public string ArgumentsJson { get; }
    }
}
