using System;
using System.Net;
using System.Runtime.InteropServices;

namespace PrivacyServices.Http.Transport
{
    /// <summary>Which .NET the module runs on: Windows PowerShell 5.1 runs .NET Framework, PowerShell 7 runs .NET.</summary>
    public enum RuntimeKind
    {
        /// <summary>.NET Framework 4.7.2+ (powershell.exe 5.1, Azure Automation's 5.1 runtime), or Mono, which copies its HTTP stack.</summary>
        NetFramework,

        /// <summary>.NET (Core) 3.1 and later: PowerShell 7.</summary>
        NetCore,
    }

    /// <summary>
    /// What the transport decisions depend on, read once from the process (<see cref="Current"/>) or given by a test, so the
    /// .NET Framework rules can be checked on any machine.
    /// </summary>
    public sealed class RuntimeFacts
    {
        /// <summary>TLS 1.3's value in <see cref="SecurityProtocolType"/> (named only from .NET Framework 4.8 on).</summary>
        public const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;

        public RuntimeFacts(RuntimeKind kind, SecurityProtocolType securityProtocol, int defaultConnectionLimit, bool osSupportsTls13, string description)
        {
            Kind = kind;
            SecurityProtocol = securityProtocol;
            DefaultConnectionLimit = defaultConnectionLimit;
            OsSupportsTls13 = osSupportsTls13;
            Description = description;
        }

        public RuntimeKind Kind { get; }

        /// <summary>The process-wide <see cref="ServicePointManager.SecurityProtocol"/> as found.</summary>
        public SecurityProtocolType SecurityProtocol { get; }

        /// <summary>The process-wide <see cref="ServicePointManager.DefaultConnectionLimit"/> as found (2 on .NET Framework).</summary>
        public int DefaultConnectionLimit { get; }

        /// <summary>Windows Server 2022 / Windows 11 (build 20348+) have TLS 1.3 in SChannel; older Windows do not.</summary>
        public bool OsSupportsTls13 { get; }

        public string Description { get; }

        public static RuntimeFacts Current()
        {
            var description = RuntimeInformation.FrameworkDescription;
            var isFramework = description.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)
                || description.StartsWith("Mono", StringComparison.OrdinalIgnoreCase);
            var version = Environment.OSVersion.Version;
            var tls13 = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && version.Major >= 10 && version.Build >= 20348;
            return new RuntimeFacts(
                isFramework ? RuntimeKind.NetFramework : RuntimeKind.NetCore,
                ServicePointManager.SecurityProtocol,
                ServicePointManager.DefaultConnectionLimit,
                tls13,
                description);
        }
    }
}
