namespace Forum.Core.Mail;

/// <summary>
/// How often the forum mails one address a link (a confirmation link, a password reset) in a day: the pages answer
/// anyone who types an address, so without a limit per address, anyone could fill a stranger's mailbox from many
/// machines (the limit per client address stops only one). A link stays valid for hours; five a day is plenty.
/// </summary>
public static class LinkRequests
{
    public const int PerDay = 5;

    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Whether another link may be sent now, given how many the address was sent in the last day.</summary>
    public static bool MaySend(int sentInTheLastDay) => sentInTheLastDay < PerDay;
}
