using System;
using System.Collections;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using EdgeePS.Client;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// What every command that talks to the gateway shares: connection parameters, stopping, and blocking on the
    /// core's async work from the pipeline thread (the only thread that may write to the pipeline).
    /// </summary>
    public abstract class EdgeeCommandBase : PSCmdlet
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>Overrides $env:EDGEE_API_KEY. A plain string or a SecureString (e.g. from Get-Secret).</summary>
        [Parameter]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? ApiKey { get; set; }

        /// <summary>Overrides $env:EDGEE_BASE_URL; default https://api.edgee.ai. With or without a trailing '/' or '/v1'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BaseUrl { get; set; }

        /// <summary>How long to wait for the gateway to start answering; 0 (the default) waits without limit.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int TimeoutSec { get; set; }

        /// <summary>Allow sending the key over plain http to a host that is not this machine.</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <summary>Fires when the user presses Ctrl+C; every read and request observes it.</summary>
        protected CancellationToken StopToken => _stop.Token;

        /// <summary>Resolved in BeginProcessing, so the environment is read at each invocation.</summary>
        private protected EdgeeClientOptions Options { get; private set; } = null!;

        protected override void BeginProcessing()
        {
            try
            {
                Options = EdgeeSettings.Resolve(ToPlainText(ApiKey), BaseUrl, AllowUnencryptedAuthentication);
            }
            catch (EdgeeException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error, BaseUrl));
            }

            Options.ResponseTimeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null;
            Options.UserAgent = UserAgent();
        }

        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>Blocks the pipeline thread on core work; a stop turns into the engine's own stop signal.</summary>
        protected T Await<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected T Await<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : Await(task.AsTask());

        private string UserAgent()
        {
            var version = typeof(EdgeeCommandBase).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var psVersion = (SessionState.PSVariable.GetValue("PSVersionTable") as IDictionary)?["PSVersion"];
            return $"EdgeePS/{version} PowerShell/{psVersion}";
        }

        private static string? ToPlainText(SecureString? secret)
        {
            if (secret is null)
            {
                return null;
            }

            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try
            {
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
