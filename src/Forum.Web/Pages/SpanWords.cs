using System.Globalization;
using Forum.Core.Time;
using Humanizer;

namespace Forum.Web.Pages;

/// <summary>"13 days", "13 jours", "13 días": a <see cref="RoughSpan"/> in a culture's words, which Humanizer knows for many languages.</summary>
public static class SpanWords
{
    public static string Of(RoughSpan span, CultureInfo culture) =>
        Configurator.Formatters.ResolveForCulture(culture).TimeSpanHumanize(span.Unit switch
        {
            SpanUnit.Month => TimeUnit.Month,
            SpanUnit.Week => TimeUnit.Week,
            SpanUnit.Day => TimeUnit.Day,
            SpanUnit.Hour => TimeUnit.Hour,
            _ => TimeUnit.Minute,
        }, span.Count);
}
