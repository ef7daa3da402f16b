using System;

namespace EdgeePS
{
    /// <summary>Every failure EdgeePS reports. <see cref="ErrorId"/> is one of <see cref="EdgeeErrorIds"/>.</summary>
    public class EdgeeException : Exception
    {
        public EdgeeException(string errorId, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
        }

        public string ErrorId { get; }
    }
}
