namespace Forum.Web.Mail;

/// <summary>
/// What one message says, before it is written as HTML and plain text: the composer escapes every piece,
/// so user text (a title, a contribution) never becomes markup.
/// </summary>
/// <param name="Kind">What it tells, e.g. "account.confirm"; stored with the message.</param>
/// <param name="Language">The recipient's language: every text in the letter is already in it.</param>
public sealed record Letter(string Kind, string Language, string Subject, IReadOnlyList<LetterBlock> Blocks)
{
    /// <summary>The signed one-click unsubscribe address of a notification (RFC 8058); none on account messages.</summary>
    public Uri? Unsubscribe { get; init; }

    /// <summary>What the unsubscribe link stops, shown in the footer ("Stop messages about phases opening").</summary>
    public string? UnsubscribeLabel { get; init; }
}

public abstract record LetterBlock;

/// <summary>A heading inside the message (a theme's or a phase's title).</summary>
public sealed record LetterHeading(string Text) : LetterBlock;

/// <summary>A paragraph of plain text; line breaks are kept.</summary>
public sealed record LetterParagraph(string Text) : LetterBlock;

/// <summary>Text written by a person (a contribution's opening lines), shown as a quotation.</summary>
public sealed record LetterQuote(string Text) : LetterBlock;

/// <summary>The one thing to do: a button in HTML, the address on a line of its own in plain text.</summary>
public sealed record LetterAction(string Label, Uri Url) : LetterBlock;
