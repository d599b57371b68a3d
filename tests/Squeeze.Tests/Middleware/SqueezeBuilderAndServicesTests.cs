using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Squeeze;

public sealed class SqueezeBuilderAndServicesTests
{
    [Fact]
    public async Task UseSqueeze_AddsCompressingClientWithConfiguredOptions()
    {
        using var inner = new TestChatClient();
        using IChatClient client = inner.AsBuilder().UseSqueeze(o => { o.TokenBudget = 120; o.UseBuiltInModel = false; }).Build();

        await client.GetResponseAsync(Conversations.Mixed(10));

        SqueezeOptions options = Assert.IsType<SqueezeOptions>(client.GetService<SqueezeOptions>());
        Assert.Equal(120, options.TokenBudget);
        Assert.True(Conversations.CountTokens(inner.Received[0], TargetTokenizers.ForEncoding("o200k_base")) <= 120);
    }

    [Fact]
    public async Task AddChatClient_UseSqueeze_ReadsOptionsBoundFromConfiguration()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Squeeze:TokenBudget"] = "140", ["Squeeze:UseBuiltInModel"] = "false", ["Squeeze:Method"] = "Extractive" })
            .Build();
        using var inner = new TestChatClient();
        var services = new ServiceCollection();
        services.AddSqueeze(configuration.GetSection("Squeeze"));
        services.AddChatClient(inner).UseSqueeze();
        using ServiceProvider provider = services.BuildServiceProvider();

        IChatClient client = provider.GetRequiredService<IChatClient>();
        await client.GetResponseAsync(Conversations.Mixed(10));

        SqueezeOptions options = Assert.IsType<SqueezeOptions>(client.GetService<SqueezeOptions>());
        Assert.Equal(140, options.TokenBudget);
        Assert.Equal(CompressionMethod.Extractive, options.Method);
        Assert.True(Conversations.CountTokens(inner.Received[0], TargetTokenizers.ForEncoding("o200k_base")) <= 140);
    }

    [Fact]
    public async Task UseSqueeze_TakesTheCodeUseClassifierRegisteredInServices()
    {
        var classifier = new RecordingCodeUseClassifier("Compute3(");
        using var inner = new TestChatClient();
        var services = new ServiceCollection();
        services.AddSingleton<ICodeUseClassifier>(classifier);
        services.AddChatClient(inner).UseSqueeze(o => { o.Ratio = 4; o.UseBuiltInModel = false; o.FailureMode = FailureMode.FailClosed; });
        using ServiceProvider provider = services.BuildServiceProvider();

        IChatClient client = provider.GetRequiredService<IChatClient>();
        await client.GetResponseAsync(Conversations.Mixed(30));

        Assert.Same(classifier, client.GetService<SqueezeOptions>()!.CodeUseClassifier);
        Assert.NotEmpty(classifier.Queries);
        Assert.Contains(client.GetService<CompressionReport>()!.Segments, s => s.Method == "code-bm25-use");
    }

    [Fact]
    public void AddSqueeze_InvalidConfiguration_FailsValidationAtStart()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Squeeze:Ratio"] = "0.5" })
            .Build();
        var services = new ServiceCollection();
        services.AddSqueeze(configuration.GetSection("Squeeze"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Ratio", error.Message, StringComparison.Ordinal);
    }

#pragma warning disable MEAI001 // UseChatReducer is experimental in Microsoft.Extensions.AI.
    [Fact]
    public async Task UseChatReducer_AcceptsCompressingClientAsReducer()
    {
        using var inner = new TestChatClient();
        using var reducer = new CompressingChatClient(new TestChatClient(), new SqueezeOptions { TokenBudget = 130, UseBuiltInModel = false });
        using IChatClient client = inner.AsBuilder().UseChatReducer(reducer).Build();

        await client.GetResponseAsync(Conversations.Mixed(10));

        Assert.True(Conversations.CountTokens(inner.Received[0], TargetTokenizers.ForEncoding("o200k_base")) <= 130);
        Assert.Equal(Conversations.Question, inner.Received[0][^1].Text);
    }
#pragma warning restore MEAI001
}
