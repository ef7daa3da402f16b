using System;

namespace EdgeePS.Client
{
    /// <summary>
    /// Resolves key and base URL: explicit value first, then the environment, then the default.
    /// The environment is read on every call, so a script that changes it between commands is obeyed.
    /// </summary>
    internal static class EdgeeSettings
    {
        public const string ApiKeyVariable = "EDGEE_API_KEY";
        public const string BaseUrlVariable = "EDGEE_BASE_URL";

        public static EdgeeClientOptions Resolve(string? explicitApiKey, string? explicitBaseUrl, bool allowUnencryptedAuthentication)
        {
            var apiKey = FirstNonEmpty(explicitApiKey, Environment.GetEnvironmentVariable(ApiKeyVariable))
                ?? throw new EdgeeException(
                    EdgeeErrorIds.ApiKeyMissing,
                    $"No API key: pass -ApiKey or set the {ApiKeyVariable} environment variable. ({ApiKeyVariable} is not set.)");

            var endpoint = EdgeeEndpoint.Parse(
                FirstNonEmpty(explicitBaseUrl, Environment.GetEnvironmentVariable(BaseUrlVariable)) ?? EdgeeEndpoint.DefaultBaseUrl);

            if (!endpoint.IsEncrypted && !endpoint.IsLoopback && !allowUnencryptedAuthentication)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.UnencryptedAuthenticationNotAllowed,
                    $"Refusing to send the API key over unencrypted http to {endpoint}. Use https, or pass -AllowUnencryptedAuthentication if you accept the risk.");
            }

            return new EdgeeClientOptions(endpoint, apiKey);
        }

        private static string? FirstNonEmpty(params string?[] values)
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value;
                }
            }

            return null;
        }
    }
}
