using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeePS.Serialization
{
    /// <summary>
    /// Reads a string, and anything else as null instead of failing: for fields whose shape providers do not agree
    /// on, where one provider's object must not turn a whole chunk into a malformed event.
    /// </summary>
    internal sealed class LenientStringConverter : JsonConverter<string?>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
            return null;
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
