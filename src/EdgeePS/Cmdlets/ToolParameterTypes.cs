using System;
using System.Collections;
using System.Management.Automation;
using System.Numerics;
using EdgeePS.Tools;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Which JSON Schema type stands for a PowerShell parameter type: text, numbers, booleans and switches, enums,
    /// dates, hashtables and objects, and arrays of any of those. An untyped parameter is offered as a string, which
    /// PowerShell converts as it would from a command line. Anything else cannot come from JSON.
    /// </summary>
    internal static class ToolParameterTypes
    {
        /// <summary>The parameter as the model sees it, without name-level details; null when the type cannot be expressed.</summary>
        public static ToolParameter? Describe(string name, Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsArray)
            {
                var item = type.GetElementType()!;
                var element = item.IsArray ? null : Scalar(Nullable.GetUnderlyingType(item) ?? item);
                return element is null ? null : new ToolParameter(name, ToolValueType.Array)
                {
                    ItemType = element.Value.Type,
                    Format = element.Value.Format,
                    EnumValues = EnumNames(item),
                };
            }

            var scalar = Scalar(type);
            return scalar is null ? null : new ToolParameter(name, scalar.Value.Type) { Format = scalar.Value.Format, EnumValues = EnumNames(type) };
        }

        private static (ToolValueType Type, string? Format)? Scalar(Type type)
        {
            if (type == typeof(string) || type == typeof(char) || type == typeof(object) || type.IsEnum)
            {
                return (ToolValueType.String, null);
            }

            if (type == typeof(bool) || type == typeof(SwitchParameter))
            {
                return (ToolValueType.Boolean, null);
            }

            if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte)
                || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(BigInteger))
            {
                return (ToolValueType.Integer, null);
            }

            if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
            {
                return (ToolValueType.Number, null);
            }

            if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
            {
                return (ToolValueType.String, "date-time");
            }

            if (type == typeof(Guid))
            {
                return (ToolValueType.String, "uuid");
            }

            if (type == typeof(Uri))
            {
                return (ToolValueType.String, "uri");
            }

            if (typeof(IDictionary).IsAssignableFrom(type) || type == typeof(PSObject))
            {
                return (ToolValueType.Object, null);
            }

            return null;
        }

        private static string[]? EnumNames(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            return type.IsEnum ? Enum.GetNames(type) : null;
        }
    }
}
