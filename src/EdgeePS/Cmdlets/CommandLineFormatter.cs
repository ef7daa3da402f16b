using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// A tool call written as a person would type it, <c>Get-ServiceStatus -Unit 'nginx' -Lines 50</c>: what -Confirm
    /// asks about, -Verbose tells and the record keeps. It is for reading only; the call itself is bound as values.
    /// </summary>
    internal static class CommandLineFormatter
    {
        public static string Format(string command, IEnumerable<KeyValuePair<string, object?>> arguments, ISet<string> switches)
        {
            var line = new StringBuilder(command);
            foreach (var pair in arguments)
            {
                line.Append(" -").Append(pair.Key);
                if (switches.Contains(pair.Key) && pair.Value is bool present)
                {
                    line.Append(present ? string.Empty : ":$false");
                    continue;
                }

                line.Append(' ').Append(Value(pair.Value));
            }

            return line.ToString();
        }

        private static string Value(object? value)
        {
            switch (value)
            {
                case null:
                    return "$null";
                case string text:
                    return "'" + text.Replace("'", "''") + "'";
                case bool flag:
                    return flag ? "$true" : "$false";
                case IDictionary dictionary:
                    var pairs = dictionary.Cast<DictionaryEntry>().Select(entry => $"{Key(entry.Key)} = {Value(entry.Value)}");
                    return "@{ " + string.Join("; ", pairs) + " }";
                case IEnumerable items:
                    var list = items.Cast<object?>().Select(Value).ToList();
                    return list.Count == 0 ? "@()" : list.Count == 1 ? "@(" + list[0] + ")" : string.Join(", ", list);
                default:
                    return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        private static string Key(object key)
        {
            var text = Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty;
            return text.Length > 0 && text.All(character => char.IsLetterOrDigit(character) || character == '_') ? text : Value(text);
        }
    }
}
