using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Schema;

namespace Netwerk.Web.SchemaApi;

/// <summary>Serves the graph schema; the front end builds its forms and legend from it.</summary>
public static class SchemaEndpoints
{
    public static IEndpointRouteBuilder MapSchemaApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/schema", (GraphSchema schema) => TypedResults.Ok(schema)).WithTags("Schema")
            .WithSummary("Node kinds, relationship types, their properties (type, required, allowed values, nl/en labels) and allowed endpoints.");
        return app;
    }
}
