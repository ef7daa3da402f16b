using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.Json;

namespace EdgeePS.Serialization
{
    /// <summary>
    /// JSON a model wrote, as plain values the way ConvertFrom-Json gives them: integers as Int64 (else BigInteger),
    /// other numbers as Double, strings as strings (never dates), arrays as object arrays. Objects are made by the
    /// caller from their properties in order (a repeated name comes twice; the caller's object decides which wins).
    /// </summary>
    internal static class JsonValues
    {
        public static object? ToValue(JsonElement value, Func<IReadOnlyList<KeyValuePair<string, object?>>, object> toObject)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    return toObject(value.EnumerateObject().Select(property => new KeyValuePair<string, object?>(property.Name, ToValue(property.Value, toObject))).ToList());
                case JsonValueKind.Array:
                    return value.EnumerateArray().Select(item => ToValue(item, toObject)).ToArray();
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.Number:
                    return Number(value);
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        private static object Number(JsonElement value)
        {
            var text = value.GetRawText();
            if (text.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0)
            {
                return value.GetDouble();
            }

            return value.TryGetInt64(out var whole) ? whole : (object)BigInteger.Parse(text, CultureInfo.InvariantCulture);
        }
    }
}
