using Netwerk.Web.Access;
using Netwerk.Web.Analysis;
using Netwerk.Web.Changes;
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
using Netwerk.Web.ScaleOut;
using Netwerk.Web.SchemaApi;
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
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddInvitations(builder.Configuration).AddInvitationSending();

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
app.MapLive();
app.MapAnalysis();
app.MapMeetings();
app.MapPlanning();
app.MapInvitations();
app.MapRsvp();
app.MapJobsDashboard();

app.Run();
return 0;
