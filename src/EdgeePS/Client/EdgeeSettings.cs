using System;
using System.Linq;

namespace EdgeePS.Client
{
    /// <summary>
    /// Merges the settings layers: a command's parameters, then the session's configuration, then the
    /// environment, then the defaults. The environment is read on every call, so a script that changes
    /// it between commands is obeyed.
    /// </summary>
    internal static class EdgeeSettings
    {
        public const string ApiKeyVariable = "EDGEE_API_KEY";
        public const string BaseUrlVariable = "EDGEE_BASE_URL";

        public static EdgeeClientOptions Resolve(ConnectionSettings parameters, ConnectionSettings? session = null)
        {
            session ??= new ConnectionSettings();
            var apiKey = FirstNonEmpty(parameters.ApiKey, session.ApiKey, Environment.GetEnvironmentVariable(ApiKeyVariable))
                ?? throw new EdgeeException(
                    EdgeeErrorIds.ApiKeyMissing,
                    $"No API key: pass -ApiKey, run Connect-Edgee, or set the {ApiKeyVariable} environment variable. ({ApiKeyVariable} is not set.)");

            var endpoint = EdgeeEndpoint.Parse(
                FirstNonEmpty(parameters.BaseUrl, session.BaseUrl, Environment.GetEnvironmentVariable(BaseUrlVariable)) ?? EdgeeEndpoint.DefaultBaseUrl);

            var allowUnencrypted = parameters.AllowUnencryptedAuthentication ?? session.AllowUnencryptedAuthentication ?? false;
            if (!endpoint.IsEncrypted && !endpoint.IsLoopback && !allowUnencrypted)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.UnencryptedAuthenticationNotAllowed,
                    $"Refusing to send the API key over unencrypted http to {endpoint}. Use https, or pass -AllowUnencryptedAuthentication if you accept the risk.");
            }

            return new EdgeeClientOptions(endpoint, apiKey)
            {
                ResponseTimeout = parameters.ResponseTimeout ?? session.ResponseTimeout,
                IdleTimeout = parameters.IdleTimeout ?? session.IdleTimeout ?? EdgeeClientOptions.DefaultIdleTimeout,
                MaximumRetryCount = parameters.MaximumRetryCount ?? session.MaximumRetryCount ?? EdgeeClientOptions.DefaultMaximumRetryCount,
                RetryInterval = parameters.RetryInterval ?? session.RetryInterval ?? EdgeeClientOptions.DefaultRetryInterval,
                Proxy = parameters.Proxy ?? session.Proxy,
                ProxyCredential = parameters.Proxy != null ? parameters.ProxyCredential : parameters.ProxyCredential ?? session.ProxyCredential,
                DefaultTags = session.Tags ?? Array.Empty<string>(),
            };
        }

        /// <summary>What <see cref="Resolve"/> would use with no parameters, and where each part comes from.</summary>
        public static EdgeeConfiguration Describe(ConnectionSettings? session)
        {
            session ??= new ConnectionSettings();
            var environmentBase = Environment.GetEnvironmentVariable(BaseUrlVariable);
            var (baseUrl, baseSource) = !string.IsNullOrWhiteSpace(session.BaseUrl) ? (session.BaseUrl!, "Session")
                : !string.IsNullOrWhiteSpace(environmentBase) ? (environmentBase!, "Environment")
                : (EdgeeEndpoint.DefaultBaseUrl, "Default");
            var keySource = !string.IsNullOrWhiteSpace(session.ApiKey) ? "Session"
                : !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ApiKeyVariable)) ? "Environment"
                : "None";

            return new EdgeeConfiguration
            {
                BaseUrl = baseUrl,
                BaseUrlSource = baseSource,
                ApiKeySource = keySource,
                TimeoutSec = session.ResponseTimeout is TimeSpan timeout && timeout > TimeSpan.Zero ? (int)timeout.TotalSeconds : (int?)null,
                IdleTimeoutSec = (int)(session.IdleTimeout ?? EdgeeClientOptions.DefaultIdleTimeout).TotalSeconds,
                MaximumRetryCount = session.MaximumRetryCount ?? EdgeeClientOptions.DefaultMaximumRetryCount,
                RetryIntervalSec = (session.RetryInterval ?? EdgeeClientOptions.DefaultRetryInterval).TotalSeconds,
                Proxy = session.Proxy,
                ProxyUser = session.ProxyCredential?.UserName,
                AllowUnencryptedAuthentication = session.AllowUnencryptedAuthentication ?? false,
                Tags = session.Tags ?? Array.Empty<string>(),
            };
        }

        private static string? FirstNonEmpty(params string?[] values) =>
            values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
    }
}
