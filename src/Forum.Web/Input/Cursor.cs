using System.Text;
using Forum.Core.Errors;

namespace Forum.Web.Input;

/// <summary>An opaque position in a list: the (time, id) of the last item seen, so the next page starts right after it without OFFSET.</summary>
public static class Cursor
{
    public static string Encode(DateTime at, long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{at.Ticks}:{id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (DateTime At, long Id) Decode(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split(':');
            return (new DateTime(long.Parse(parts[0]), DateTimeKind.Utc), long.Parse(parts[1]));
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw ForumException.Invalid("cursor", "paging.cursor-invalid", "This cursor was not given by this list; start again without one.");
        }
    }
}
