using System.Reflection;
using Forum.Core.Errors;

namespace Forum.Web.Api;

/// <summary>
/// Identity's own endpoints declare their fields non-nullable but JSON lets a client send null,
/// which Identity then dereferences (a 500). This refuses such a body with a 400 before it gets there.
/// </summary>
public sealed class RequiredFieldsFilter : IEndpointFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is null || !(argument.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) ?? false))
            {
                continue;
            }
            foreach (var property in argument.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.PropertyType.IsValueType && property.GetValue(argument) is null
                    && Nullability.Create(property).ReadState == NullabilityState.NotNull)
                {
                    var field = JsonNamingPolicy(property.Name);
                    throw ForumException.Invalid(field, "field.required", $"'{field}' is required.");
                }
            }
        }
        return next(context);
    }

    private static string JsonNamingPolicy(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
