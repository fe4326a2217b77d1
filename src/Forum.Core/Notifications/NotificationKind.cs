namespace Forum.Core.Notifications;

/// <summary>What a participant may be told of by e-mail; each kind has its own choice on the account page.</summary>
public enum NotificationKind
{
    /// <summary>A phase of a followed theme opened: its announcement (also a reopening or an extension, as a short notice).</summary>
    PhaseOpened,

    /// <summary>A followed phase (or one of a followed theme) closes in 48 hours.</summary>
    PhaseClosingSoon,

    /// <summary>A followed phase closed.</summary>
    PhaseClosed,

    /// <summary>A synthesis of a followed phase or theme was published.</summary>
    SynthesisPublished,

    /// <summary>Someone replied to one's contribution.</summary>
    Reply,

    /// <summary>Someone added a translation to one's contribution.</summary>
    Translation,
}
