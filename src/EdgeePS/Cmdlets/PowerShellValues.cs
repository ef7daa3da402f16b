using System.Collections.Specialized;
using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Strips PowerShell's wrappers so the core sees plain .NET values: values inside a user's hashtable
    /// can arrive PSObject-wrapped, and a [pscustomobject]'s data lives in its properties, not its base object.
    /// </summary>
    internal static class PowerShellValues
    {
        public static object? Unwrap(object value)
        {
            if (!(value is PSObject wrapped))
            {
                return value;
            }

            if (!(wrapped.BaseObject is PSCustomObject))
            {
                return wrapped.BaseObject;
            }

            var properties = new OrderedDictionary();
            foreach (var property in wrapped.Properties)
            {
                if (property.IsGettable)
                {
                    properties[property.Name] = property.Value;
                }
            }

            return properties;
        }
    }
}
