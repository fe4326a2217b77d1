using Forum.Core.Events;
using Forum.Core.Notifications;

namespace Forum.Synthesis.Notifications;

/// <summary>
/// Stores a <see cref="Happening"/> with the change that caused it (the caller's save, in its transaction) and wakes
/// the notification worker once that commits. Here, beside <see cref="IForumData"/>, because both the web services
/// and the synthesis service record them.
/// </summary>
public static class HappeningRecording
{
    /// <summary>Adds the happening to the caller's unit of work: stored by its next save.</summary>
    public static void Record(this IForumData data, Happening happening)
    {
        data.Db.Add(happening);
        data.PendingEvents.Raise(new HappeningRecorded());
    }

    /// <summary>Adds and saves at once, for a happening naming a row whose id the previous save gave (inside the caller's transaction).</summary>
    public static async Task RecordAsync(this IForumData data, Happening happening, CancellationToken cancellation = default)
    {
        data.Record(happening);
        await data.Db.SaveChangesAsync(cancellation);
    }
}
