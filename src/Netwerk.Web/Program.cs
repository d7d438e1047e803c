using Netwerk.Web.Access;
using Netwerk.Web.Analysis;
using Netwerk.Web.Changes;
using Netwerk.Web.Feeds;
using Netwerk.Web.GraphViews;
using Netwerk.Web.Health;
using Netwerk.Web.Http;
using Netwerk.Web.Invitations;
using Netwerk.Web.Jobs;
using Netwerk.Web.Live;
using Netwerk.Web.Mail;
using Netwerk.Web.Meetings;
using Netwerk.Web.Nodes;
using Netwerk.Web.Planning;
using Netwerk.Web.Privacy;
using Netwerk.Web.Problems;
using Netwerk.Web.Relationships;
using Netwerk.Web.Reports;
using Netwerk.Web.ScaleOut;
using Netwerk.Web.SchemaApi;
using Netwerk.Web.Spreadsheets;
using Netwerk.Web.Storage;
using Netwerk.Web.Telemetry;
using Netwerk.Web.Transfer;

if (StoreCommands.Requested(args)) return StoreCommands.Run(args);
var builder = WebApplication.CreateBuilder(args);

builder.AddNetwerkHttp();
builder.Services.AddNetwerkProblems();
builder.Services.AddHealth();
builder.Services.AddSingleton<RegionGraphCache>();
builder.Services.AddGraphStore(builder.Configuration, builder.Environment).TraceGraphStore();
builder.AddTelemetry();
builder.Services.AddMail(builder.Configuration, builder.Environment);
builder.AddAccess();
builder.AddScaleOut();
builder.Services.AddPrivacy(builder.Configuration);
builder.Services.AddLive(builder.Configuration);
builder.Services.AddMeetings();
builder.Services.AddSpreadsheets();
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddInvitations(builder.Configuration).AddInvitationSending();
builder.Services.AddCalendarFeeds();

var app = builder.Build();

app.UseNetwerkProblems();
app.UseSecurityHeaders();
app.UseNetwerkHttp();
app.UseAccess();

app.MapHealth();
app.MapSignIn();
app.MapAccounts();
app.MapAudit();
app.MapPersonData();
app.MapSchemaApi();
app.MapNodes();
app.MapRelationships();
app.MapGraphViews();
app.MapChanges();
app.MapTransfer();
app.MapExports();
app.MapSpreadsheets();
app.MapLive();
app.MapAnalysis();
app.MapMeetings();
app.MapPlanning();
app.MapReports();
app.MapInvitations();
app.MapRsvp();
app.MapCalendarFeeds();
app.MapJobsDashboard();

try
{
    app.Run();
}
catch (Exception e) when (e is Netwerk.Storage.Neo4j.Neo4jStartupException or Microsoft.Extensions.Options.OptionsValidationException)
{
    // A setting the host cannot run with: the log above has the details, this line is what the operator acts on.
    Console.Error.WriteLine($"Netwerk did not start: {e.Message}");
    return 1;
}
return 0;
