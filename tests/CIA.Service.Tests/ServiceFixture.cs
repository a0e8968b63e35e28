namespace CIA.Service.Tests;

/// <summary>One service with the default settings, shared by the tests of a class.</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public ServiceHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ServiceHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
