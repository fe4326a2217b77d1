using System.Net;
using Forum.Web.Security;

namespace Forum.UnitTests.Security;

public class ClientAddressKeyTests
{
    private static string Key(string address) => ClientAddressKey.For(IPAddress.Parse(address));

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.255")]
    public void An_IPv4_address_is_its_own_key(string address) => Key(address).Should().Be(address);

    [Theory]
    [InlineData("::ffff:203.0.113.7")]
    [InlineData("::FFFF:cb00:7107")]
    public void An_IPv4_mapped_IPv6_address_counts_as_its_IPv4_address(string address) =>
        Key(address).Should().Be("203.0.113.7");

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("2001:db8::2")]
    [InlineData("2001:db8::17")]
    [InlineData("2001:db8:0:0:ffff:ffff:ffff:ffff")]
    [InlineData("2001:0db8:0000:0000:1234:5678:9abc:def0")]
    public void IPv6_addresses_of_one_64_share_its_key(string address) => Key(address).Should().Be("2001:db8::/64");

    [Fact]
    public void Different_64s_have_different_keys()
    {
        Key("2001:db8:0:1::1").Should().Be("2001:db8:0:1::/64");
        Key("2001:db8:0:1::1").Should().NotBe(Key("2001:db8:0:2::1")).And.NotBe(Key("2001:db8::1"));
    }

    [Fact]
    public void A_link_local_address_loses_its_zone_and_counts_by_its_64() =>
        ClientAddressKey.For(IPAddress.Parse("fe80::1%2")).Should().Be(Key("fe80::abcd")).And.Be("fe80::/64");

    [Fact]
    public void IPv6_loopback_is_the_64_it_is_in_and_no_IPv4_address() => Key("::1").Should().Be("::/64");

    [Fact]
    public void No_address_has_a_key_of_its_own() => ClientAddressKey.For((IPAddress?)null).Should().Be("unknown");
}
