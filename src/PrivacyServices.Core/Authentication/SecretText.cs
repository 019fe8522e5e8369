using System;
using System.Runtime.InteropServices;
using System.Security;

namespace PrivacyServices.Authentication
{
    /// <summary>Reveals a <see cref="SecureString"/> for the length of one call, then zeroes the unmanaged copy.</summary>
    public static class SecretText
    {
        public static T Use<T>(SecureString secret, Func<string, T> use)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return use(Marshal.PtrToStringUni(pointer) ?? string.Empty);
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        public static SecureString ToSecureString(string value)
        {
            var secure = new SecureString();
            foreach (var c in value)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }
}
