using System;
using System.Management.Automation;
using EdgeePS.Settings;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Sets the key, gateway and options every EdgeePS command in this session uses, unless a command's own
    /// parameters say otherwise. Checks that the settings can work; sends nothing.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Edgee")]
    [OutputType(typeof(EdgeeConfiguration))]
    public sealed class ConnectEdgeeCommand : EdgeeCommandBase
    {
        /// <summary>How long a stream may go without an event before it is abandoned; default 120.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? IdleTimeoutSec { get; set; }

        /// <summary>Tags every request of the session carries, besides its own.</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? Tag { get; set; }

        /// <summary>Output the resulting configuration.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var settings = ParameterSettings();
            settings.IdleTimeout = IdleTimeoutSec is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            settings.Tags = Tag;
            SessionConfiguration.Set(settings);
            WriteVerbose($"EdgeePS commands in this session now use {Options.Endpoint}.");
            if (PassThru)
            {
                WriteObject(EdgeeSettings.Describe(settings));
            }
        }
    }
}
