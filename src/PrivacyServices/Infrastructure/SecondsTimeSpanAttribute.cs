using System;
using System.Globalization;
using System.Management.Automation;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>
    /// Reads a number as seconds for a TimeSpan parameter (-RequestTimeout 30 is 30 s, not 30 ticks); a TimeSpan or a
    /// "hh:mm:ss" string passes through to PowerShell's usual conversion.
    /// </summary>
    internal sealed class SecondsTimeSpanAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case int _:
                case long _:
                case short _:
                case byte _:
                case uint _:
                case ulong _:
                case double _:
                case float _:
                case decimal _:
                    return FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                    return FromSeconds(seconds);
                default:
                    return value;
            }
        }

        private static TimeSpan FromSeconds(double seconds)
        {
            if (double.IsNaN(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds)
            {
                throw new ArgumentTransformationMetadataException($"{seconds} is not a number of seconds this parameter accepts (0 or more).");
            }

            return TimeSpan.FromSeconds(seconds);
        }
    }
}
