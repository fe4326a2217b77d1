using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Forum.Core.Localization;
using Forum.Core.Mail;
using Forum.Core.Time;
using Forum.Web.Security;
using MimeKit;

namespace Forum.Web.Mail;

/// <summary>
/// Writes a <see cref="Letter"/> as an outbox message: an HTML part and a plain-text part in the recipient's
/// language, every piece of text escaped, no remote image and no tracking of any kind, and the footer that
/// says where the message comes from and, for notifications, how to stop them in one click.
/// </summary>
public sealed class MailComposer(UiTexts texts, MailOptions options, ForumClock clock, ForumAddress forum)
{
    private readonly string _domain = MessageIdDomain(options.From);

    public OutboxMessage Compose(Letter letter, string recipient, string? recipientUserId)
    {
        letter = WithoutDirectionControls(letter);
        var now = clock.UtcNow;
        return new OutboxMessage
        {
            MessageId = OutboxMessage.NewMessageId(_domain),
            Recipient = recipient,
            RecipientUserId = recipientUserId,
            Language = letter.Language,
            Kind = letter.Kind,
            Subject = letter.Subject.Length > 400 ? letter.Subject[..399] + "…" : letter.Subject,
            TextBody = Text(letter),
            HtmlBody = Html(letter),
            UnsubscribeUrl = letter.Unsubscribe?.AbsoluteUri,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    private string Text(Letter letter)
    {
        var text = new StringBuilder();
        foreach (var block in letter.Blocks)
        {
            switch (block)
            {
                case LetterHeading heading:
                    text.Append(heading.Text).Append('\n').Append(new string('=', Math.Min(heading.Text.Length, 72))).Append("\n\n");
                    break;
                case LetterParagraph paragraph:
                    text.Append(paragraph.Text).Append("\n\n");
                    break;
                case LetterQuote quote:
                    foreach (var line in quote.Text.Split('\n'))
                    {
                        text.Append("> ").Append(line.TrimEnd('\r')).Append('\n');
                    }
                    text.Append('\n');
                    break;
                case LetterAction action:
                    text.Append(Labelled(letter.Language, action.Label)).Append('\n').Append(action.Url.AbsoluteUri).Append("\n\n");
                    break;
            }
        }
        text.Append("-- \n").Append(Footer(letter.Language)).Append('\n').Append(forum.Origin.AbsoluteUri).Append('\n');
        if (letter.Unsubscribe is { } unsubscribe)
        {
            text.Append(Labelled(letter.Language, letter.UnsubscribeLabel ?? texts.Get(letter.Language, "mail.unsubscribe"))).Append(' ').Append(unsubscribe.AbsoluteUri).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>"Label:" as each language writes it (French puts a no-break space before the colon).</summary>
    private string Labelled(string language, string label) => string.Format(texts.Get(language, "mail.labelled"), label);

    private string Html(Letter letter)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(letter.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width\">\n<title>").Append(E(letter.Subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:24px;background:#f6f6f4;color:#1d1d1b;font-family:Georgia,serif;font-size:16px;line-height:1.5\">\n")
            .Append("<div style=\"max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border:1px solid #dddddd\">\n");
        foreach (var block in letter.Blocks)
        {
            switch (block)
            {
                case LetterHeading heading:
                    html.Append("<h2 style=\"font-size:20px;margin:0 0 12px\">").Append(E(heading.Text)).Append("</h2>\n");
                    break;
                case LetterParagraph paragraph:
                    html.Append("<p style=\"margin:0 0 12px\">").Append(E(paragraph.Text).Replace("\n", "<br>")).Append("</p>\n");
                    break;
                case LetterQuote quote:
                    html.Append("<blockquote style=\"margin:0 0 12px;padding:0 0 0 12px;border-left:3px solid #cccccc;color:#444444\">")
                        .Append(E(quote.Text).Replace("\n", "<br>")).Append("</blockquote>\n");
                    break;
                case LetterAction action:
                    html.Append("<p style=\"margin:16px 0\"><a href=\"").Append(E(action.Url.AbsoluteUri))
                        .Append("\" style=\"display:inline-block;padding:10px 16px;background:#1f4e79;color:#ffffff;text-decoration:none;border-radius:4px\">")
                        .Append(E(action.Label)).Append("</a></p>\n")
                        .Append("<p style=\"margin:0 0 12px;font-size:13px;color:#555555;word-break:break-all\">").Append(E(action.Url.AbsoluteUri)).Append("</p>\n");
                    break;
            }
        }
        html.Append("<hr style=\"border:0;border-top:1px solid #dddddd;margin:24px 0 12px\">\n<p style=\"margin:0;font-size:13px;color:#555555\">")
            .Append(E(Footer(letter.Language))).Append(" <a href=\"").Append(E(forum.Origin.AbsoluteUri)).Append("\" style=\"color:#1f4e79\">")
            .Append(E(forum.Origin.Host)).Append("</a>");
        if (letter.Unsubscribe is { } unsubscribe)
        {
            html.Append("<br><a href=\"").Append(E(unsubscribe.AbsoluteUri)).Append("\" style=\"color:#1f4e79\">")
                .Append(E(letter.UnsubscribeLabel ?? texts.Get(letter.Language, "mail.unsubscribe"))).Append("</a>");
        }
        html.Append("</p>\n</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    // Overrides and isolates of writing direction, which a display name or a reply may hold: a mail reader has no markup
    // to contain them, so one would turn the rest of the subject or paragraph around. Text in Arabic or Hebrew needs none.
    private static readonly System.Text.RegularExpressions.Regex DirectionControls = new("[\u202A-\u202E\u2066-\u2069]");

    private static Letter WithoutDirectionControls(Letter letter)
    {
        static string Clean(string text) => DirectionControls.Replace(text, "");
        return letter with
        {
            Subject = Clean(letter.Subject),
            Blocks = letter.Blocks.Select(block => block switch
            {
                LetterHeading heading => heading with { Text = Clean(heading.Text) },
                LetterParagraph paragraph => paragraph with { Text = Clean(paragraph.Text) },
                LetterQuote quote => quote with { Text = Clean(quote.Text) },
                LetterAction action => action with { Label = Clean(action.Label) },
                _ => block,
            }).ToList(),
        };
    }

    // Accented letters stay themselves (the part is UTF-8); markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);

    private string Footer(string language) => string.Format(texts.Get(language, "mail.footer"), texts.Get(language, "site.name"));

    /// <summary>The domain of the sender's address, for Message-IDs that point at the forum that wrote them.</summary>
    private static string MessageIdDomain(string from) =>
        MailboxAddress.TryParse(from, out var address) && address.Domain is { Length: > 0 } domain ? domain : "localhost";
}
