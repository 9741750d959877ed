namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// Turns the two refusals that services raise into HTTP answers: a role violation (403) and malformed input that
/// model binding let through (400). Everything else is a 500 without details.
/// </summary>
public sealed class ApiErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (UnauthorizedAccessException e)
        {
            return Results.Json(new ApiError(e.Message), statusCode: StatusCodes.Status403Forbidden);
        }
        catch (BadHttpRequestException e)
        {
            return Results.BadRequest(new ApiError(e.Message));
        }
    }
}
