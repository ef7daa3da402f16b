using System.Globalization;
using System.Text;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// Writes JSON string literals by hand because System.Text.Json's encoders always escape characters outside
    /// the Basic Multilingual Plane: tests of multi-byte UTF-8 split across reads need emoji as raw bytes on the wire.
    /// </summary>
    internal static class JsonText
    {
        public static string Quote(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            foreach (var character in value)
            {
                switch (character)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case < ' ':
                        builder.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                        break;
                    default: builder.Append(character); break;
                }
            }

            return builder.Append('"').ToString();
        }

        public static string QuoteOrNull(string? value) => value is null ? "null" : Quote(value);
    }
}
