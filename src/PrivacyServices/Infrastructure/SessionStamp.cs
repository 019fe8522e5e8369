using System;
using System.Management.Automation;
using PrivacyServices.PowerShell.Sessions;
using PrivacyServices.Sessions;

namespace PrivacyServices.PowerShell.Infrastructure
{
    /// <summary>
    /// Marks an emitted object with the name of the session it came from (a SessionName note property), so a cmdlet it is
    /// piped to binds that session by property name. Strings, numbers and byte arrays pass unmarked; an object that already
    /// has a SessionName keeps its own.
    /// </summary>
    internal static class SessionStamp
    {
        public const string PropertyName = "SessionName";

        private static readonly System.Reflection.MethodInfo IsDefaultGetter = typeof(SessionMembers).GetMethod(nameof(SessionMembers.IsDefault))!;

        /// <summary>
        /// A session as written to the pipeline: with IsDefault (read when asked, so a session kept in a variable says whether
        /// it is the default now), and SessionName (its Name) so API cmdlets bind it by property name.
        /// </summary>
        public static PSObject ForOutput(PrivacyServiceSession session)
        {
            var output = new PSObject(session);
            output.Properties.Add(new PSCodeProperty("IsDefault", IsDefaultGetter));
            // The provider's settings as properties too (ProjectId, OrgId, …): a piped session binds them by name, as a
            // user expects (Get-PrivacyServiceSession -Name telia | Get-ProjectInfo), instead of being read as an id.
            foreach (var setting in session.Settings)
            {
                if (output.Properties[setting.Key] == null)
                {
                    output.Properties.Add(new PSNoteProperty(setting.Key, setting.Value));
                }
            }
            output.Properties.Add(new PSAliasProperty(PropertyName, nameof(PrivacyServiceSession.Name)));
            return output;
        }

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<System.Type, bool> HasOwnSessionName = new System.Collections.Concurrent.ConcurrentDictionary<System.Type, bool>();

        public static object? Mark(object? value, PrivacyServiceSession? session)
        {
            if (value == null || session == null)
            {
                return value;
            }

            var baseObject = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (baseObject is string || baseObject is byte[] || baseObject.GetType().IsPrimitive || baseObject is decimal || baseObject is Enum)
            {
                return value;
            }

            if (HasOwnSessionName.GetOrAdd(baseObject.GetType(), type => type.GetProperty(PropertyName) != null))
            {
                return value;
            }

            // Looking the name up first costs more than the call's HTTP round trip saves (it walks every adapted member):
            // add it, and leave an object that already had one as it was.
            var target = PSObject.AsPSObject(value);
            try
            {
                target.Properties.Add(new PSNoteProperty(PropertyName, session.Name));
            }
            catch (ExtendedTypeSystemException)
            {
            }

            return target;
        }
    }
}
