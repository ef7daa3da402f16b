using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>Forgets what Connect-Edgee set in this session; the environment and defaults apply again.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Edgee")]
    public sealed class DisconnectEdgeeCommand : PSCmdlet
    {
        protected override void EndProcessing() => SessionConfiguration.Clear();
    }
}
