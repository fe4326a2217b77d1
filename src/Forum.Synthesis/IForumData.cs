using Forum.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Forum.Synthesis;

/// <summary>
/// What the synthesis module needs from the forum's database: the context holding contributions,
/// phases and this module's own tables, and the public names of authors. The data project, which
/// owns accounts and migrations, implements it; this module stays free of both.
/// </summary>
public interface IForumData
{
    DbContext Db { get; }

    IQueryable<AuthorName> AuthorNames { get; }

    /// <summary>Events raised here leave with the change's other events, once it is committed.</summary>
    PendingEvents PendingEvents { get; }
}

/// <summary>An author's public name. Built with member initialisers, which EF can join on inside a query.</summary>
public sealed class AuthorName
{
    public required string Id { get; init; }
    public required string Name { get; init; }
}
