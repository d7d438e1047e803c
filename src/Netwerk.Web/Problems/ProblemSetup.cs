using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Web.Http;

namespace Netwerk.Web.Problems;

/// <summary>
/// Every error leaves as RFC 9457 ProblemDetails: domain exceptions map to 4xx here, framework rejections
/// (malformed JSON, wrong content type, oversized body) get a body through the status-code pages, and
/// anything unexpected is a 500 without internals.
/// </summary>
public static class ProblemSetup
{
    public static IServiceCollection AddNetwerkProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Instance ??= context.HttpContext.Request.Path;
            var language = RequestLanguage.Of(context.HttpContext);
            if (problem.Status is { } status && Titles.TryGetValue(status, out var title)) problem.Title = title.For(language);
        });
        services.AddExceptionHandler<GraphExceptionHandler>();
        // Binding failures (malformed JSON, unreadable body) are thrown in every environment so the handler
        // below gives them the same problem body as everything else.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseNetwerkProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private static readonly Dictionary<int, LocalizedText> Titles = new()
    {
        [400] = new("Ongeldige aanvraag.", "Bad request."),
        [401] = new("Meld je eerst aan.", "Please sign in first."),
        [403] = new("Dit mag je niet doen.", "You may not do this."),
        [404] = new("Niet gevonden.", "Not found."),
        [405] = new("Methode niet toegelaten.", "Method not allowed."),
        [409] = new("Bestaat al.", "Already exists."),
        [410] = new("Niet meer geldig.", "No longer valid."),
        [412] = new("Iemand anders heeft dit intussen gewijzigd.", "Someone else changed this meanwhile."),
        [413] = new("De aanvraag is te groot.", "The request is too large."),
        [415] = new("Dit inhoudstype wordt niet ondersteund; stuur application/json.", "Unsupported content type; send application/json."),
        [422] = new("De gegevens zijn ongeldig.", "The data is invalid."),
        [429] = new("Te veel aanvragen; wacht even.", "Too many requests; wait a moment."),
        [428] = new("Geef de versie mee die je wijzigt (If-Match).", "Send the version you are changing (If-Match)."),
        [500] = new("Er ging iets mis aan onze kant.", "Something went wrong on our side."),
        [503] = new("De dienst is tijdelijk niet beschikbaar.", "The service is temporarily unavailable."),
    };

    /// <summary>Maps the store's and the API's own exceptions to problem responses.</summary>
    private sealed class GraphExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var language = RequestLanguage.Of(context);
            ProblemDetails? problem = exception switch
            {
                Netwerk.Core.Planning.PlanningException e => new ProblemDetails
                {
                    Status = 400, Detail = e.Text.For(language), Extensions = { ["code"] = e.Code, ["subjects"] = e.Subjects },
                },
                GraphValidationException e => Validation(StatusCodes.Status422UnprocessableEntity, e.Errors, language),
                ProblemResponseException e => e.Problem,
                RequestProblemException { Errors.Count: > 0 } e => Validation(e.Status, e.Errors, language),
                RequestProblemException e => new ProblemDetails { Status = e.Status, Detail = e.Detail ?? Details(e.Code, language), Extensions = { ["code"] = e.Code } },
                GraphItemNotFoundException e => new ProblemDetails
                {
                    Status = 404,
                    Detail = language == "en" ? $"{e.Entity} '{e.Id}' does not exist." : $"{(e.Entity == ChangeEntity.Node ? "Knoop" : "Relatie")} '{e.Id}' bestaat niet.",
                    Extensions = { ["code"] = "not-found", ["id"] = e.Id },
                },
                VersionConflictException e => new ProblemDetails
                {
                    Status = 412,
                    Detail = language == "en"
                        ? $"You edited version {e.ExpectedVersion}, but the current version is {e.CurrentVersion}. Reload, compare and try again."
                        : $"Je bewerkte versie {e.ExpectedVersion}, maar de huidige versie is {e.CurrentVersion}. Laad opnieuw, vergelijk en probeer nog eens.",
                    Extensions = { ["code"] = "version-conflict", ["id"] = e.Id, ["currentVersion"] = e.CurrentVersion },
                },
                DuplicateIdException e => new ProblemDetails
                {
                    Status = 409,
                    Detail = language == "en" ? $"'{e.Id}' already exists." : $"'{e.Id}' bestaat al.",
                    Extensions = { ["code"] = "duplicate-id", ["id"] = e.Id },
                },
                BadHttpRequestException { InnerException: JsonException } e => new ProblemDetails
                {
                    Status = e.StatusCode, Detail = Details("malformed-json", language), Extensions = { ["code"] = "malformed-json" },
                },
                BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Extensions = { ["code"] = "bad-request" } },
                JsonException => new ProblemDetails { Status = 400, Detail = Details("malformed-json", language), Extensions = { ["code"] = "malformed-json" } },
                _ => null,
            };
            if (problem is null) return false;
            context.Response.StatusCode = problem.Status ?? 400;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
        }

        private static HttpValidationProblemDetails Validation(int status, IReadOnlyList<ValidationError> errors, string language) => new(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message(language)).ToArray()))
        {
            Status = status,
            Extensions =
            {
                ["code"] = "validation",
                ["issues"] = errors.Select(e => new { field = e.Field, code = e.Code, message = e.Message(language) }).ToArray(),
            },
        };

        private static string Details(string code, string language) => (code, language) switch
        {
            ("if-match-required", "en") => "PUT and DELETE need an If-Match header with the version you read, e.g. If-Match: \"3\".",
            ("if-match-required", _) => "PUT en DELETE vragen een If-Match-header met de versie die je las, bv. If-Match: \"3\".",
            ("if-match-malformed", "en") => "If-Match must be a version in quotes, e.g. \"3\".",
            ("if-match-malformed", _) => "If-Match moet een versie tussen aanhalingstekens zijn, bv. \"3\".",
            ("malformed-json", "en") => "The body is not valid JSON of the expected shape.",
            ("malformed-json", _) => "De inhoud is geen geldige JSON van de verwachte vorm.",
            ("unsupported-media-type", "en") => "Send the body as application/json.",
            ("unsupported-media-type", _) => "Stuur de inhoud als application/json.",
            _ => code,
        };
    }
}
