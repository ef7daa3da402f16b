using System;

namespace EdgeePS.Errors
{
    /// <summary>Gateways sometimes echo the key back (e.g. "invalid key sk-…"); nothing we surface may carry it.</summary>
    internal static class SecretMasker
    {
        public const string Mask = "***";

        public static string Hide(string text, string secret) =>
            string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Mask);
    }
}
