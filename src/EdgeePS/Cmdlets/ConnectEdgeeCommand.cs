using System;
using System.Management.Automation;
using EdgeePS.Settings;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Sets the key, gateway and options every EdgeePS command in this session uses, unless a command's own
    /// parameters say otherwise. The new settings replace the old ones whole, so they are checked on their own (over
    /// the environment and the defaults), and what was checked is what is stored. Sends nothing.
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

        private protected override ConnectionSettings? Session => null;

        private protected override ConnectionSettings ParameterSettings()
        {
            var settings = base.ParameterSettings();
            settings.IdleTimeout = IdleTimeoutSec is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            settings.Tags = Tag;
            return settings;
        }

        protected override void EndProcessing()
        {
            SessionConfiguration.Set(Parameters);
            WriteVerbose($"EdgeePS commands in this session now use {Options.Endpoint}.");
            if (PassThru)
            {
                WriteObject(EdgeeSettings.Describe(Parameters));
            }
        }
    }
}
