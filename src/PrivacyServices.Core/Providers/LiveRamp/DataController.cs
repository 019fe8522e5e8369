namespace PrivacyServices.Models
{
    /// <summary>Who controls the data a LiveRamp consent file is about.</summary>
    public sealed class DataController
    {
        public DataController(string? controllerSpecifier, string? controllerId, bool liveRampControlled)
        {
            ControllerSpecifier = controllerSpecifier;
            ControllerId = controllerId;
            LiveRampControlled = liveRampControlled;
        }

        /// <summary>What <see cref="ControllerId"/> names, for example SEAT_ID.</summary>
        public string? ControllerSpecifier { get; }

        public string? ControllerId { get; }

        /// <summary>Whether LiveRamp itself is the controller.</summary>
        public bool LiveRampControlled { get; }

        public override string ToString() =>
            LiveRampControlled ? "LiveRamp" : string.IsNullOrEmpty(ControllerSpecifier) ? ControllerId ?? string.Empty : $"{ControllerSpecifier} {ControllerId}";
    }
}
