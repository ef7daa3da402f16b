using System;

namespace EdgeePS.Simulation
{
    /// <summary>A request the simulator cannot read as HTTP/1.1; it is answered with <see cref="Status"/> and the connection closed.</summary>
    internal sealed class MalformedRequestException : Exception
    {
        public MalformedRequestException(int status, string message)
            : base(message)
        {
            Status = status;
        }

        public int Status { get; }
    }
}
