using System;
using System.Collections.Generic;
using EdgeePS.Cmdlets;
using EdgeePS.Simulation;

namespace EdgeePS
{
    /// <summary>One request a <see cref="Simulator"/> received, as Get-EdgeeSimulatorRequest returns it.</summary>
    public sealed class SimulatorRequest
    {
        private readonly RecordedRequest _request;
        private readonly Lazy<object?> _bodyObject;

        internal SimulatorRequest(RecordedRequest request)
        {
            _request = request;
            _bodyObject = new Lazy<object?>(() => request.Json is System.Text.Json.JsonElement json ? JsonToPowerShell.Convert(json) : null);
        }

        public string Method => _request.Method;

        /// <summary>The request target as sent, e.g. /v1/chat/completions.</summary>
        public string Path => _request.Path;

        /// <summary>The request headers by name, case-insensitively: <c>$request.Headers['Authorization']</c>.</summary>
        public IReadOnlyDictionary<string, string> Headers => _request.Headers;

        /// <summary>The body as JSON text.</summary>
        public string Body => _request.Body;

        /// <summary>The body parsed into PowerShell objects, as ConvertFrom-Json makes them: <c>$request.BodyObject.messages[0].content</c>. Null when the body is not JSON.</summary>
        public object? BodyObject => _bodyObject.Value;

        public override string ToString() => Method + " " + Path;
    }
}
