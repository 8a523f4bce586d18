using System.Net;
using Microsoft.Extensions.Options;
using SupportAgent.Core.Adapters;

namespace SupportAgent.Tests.Unit.Security;

public sealed class OutboundEndpointGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.100.100.200")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("ff02::1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    public void InternalAddressesAreNotPublic(string address) => Assert.False(OutboundEndpointGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void PublicAddressesArePublic(string address) => Assert.True(OutboundEndpointGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("http://vllm:8000", "http://vllm:8000/v1", true)]
    [InlineData("http://vllm:8000/lora", "http://vllm:8000/lora/v1", true)]
    [InlineData("http://vllm:8000/lora", "http://vllm:8000/loraX", false)]
    [InlineData("http://vllm:8000", "http://vllm:8001", false)]
    [InlineData("http://vllm:8000", "https://vllm:8000", false)]
    [InlineData("http://vllm:8000", "http://vllm.evil.example:8000", false)]
    public void AListedPrefixCoversOnlyItsOwnSchemeHostPortAndPath(string listed, string endpoint, bool covered)
    {
        var guard = new OutboundEndpointGuard(Options.Create(new AdapterOptions { AllowedEndpoints = [listed] }));

        Assert.Equal(covered, guard.IsListed(new Uri(endpoint)));
    }
}
