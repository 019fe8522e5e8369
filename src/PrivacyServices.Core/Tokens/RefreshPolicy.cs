using System;

namespace PrivacyServices.Tokens
{
    /// <summary>Decides when a cached token is too close to expiry to use.</summary>
    public sealed class RefreshPolicy
    {
        public static readonly TimeSpan DefaultMargin = TimeSpan.FromSeconds(60);

        public RefreshPolicy(TimeSpan margin)
        {
            if (margin < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(margin), "The refresh margin cannot be negative.");
            }

            Margin = margin;
        }

        public TimeSpan Margin { get; }

        /// <summary>The margin for this token: never more than half its lifetime, so short tokens are not refreshed on every call.</summary>
        public TimeSpan EffectiveMargin(AccessToken token)
        {
            var half = TimeSpan.FromTicks(Math.Max(0, token.Lifetime.Ticks / 2));
            return Margin < half ? Margin : half;
        }

        public bool IsFresh(AccessToken token, DateTimeOffset now) =>
            token.ExpiresOn == DateTimeOffset.MaxValue || now < token.ExpiresOn - EffectiveMargin(token);
    }
}
