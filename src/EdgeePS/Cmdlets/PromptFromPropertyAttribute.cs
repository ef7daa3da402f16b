using System;
using System.Collections;
using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Lets a piped object that carries its prompt in a <c>Prompt</c> (or <c>InputObject</c>) property, such as an
    /// Import-Csv row, bind that property by name, with -Model from its <c>Model</c> or <c>Id</c>. The engine binds by
    /// value before it tries property names, and an [object] parameter takes any object by value, so such an object
    /// is declined by value here: a failed conversion is the engine's signal to go on to the properties. Strings,
    /// dictionaries, EdgeePS.ChatInput and objects with <c>messages</c> have no such property and bind by value as before.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class PromptFromPropertyAttribute : ArgumentTransformationAttribute
    {
        private static readonly string[] PromptProperties = { "Prompt", "InputObject" };

        private const string Declined =
            "This object carries its prompt in a 'Prompt' property: pipe it, so that the property binds by name (and -Model from its 'Model' or 'Id'), or pass the prompt itself, e.g. -InputObject $row.Prompt.";

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (inputData is null || inputData is string)
            {
                return inputData;
            }

            var value = PSObject.AsPSObject(inputData);
            if (!(value.BaseObject is IDictionary) && Array.Exists(PromptProperties, name => value.Properties[name] != null))
            {
                throw new ArgumentTransformationMetadataException(Declined, new PSInvalidCastException(Declined));
            }

            return inputData;
        }
    }
}
