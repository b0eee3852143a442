namespace NetLens.Lab.Tests.Port;

/// <summary>One packet to send: from client A or B, over IPv4 or IPv6, to a port, and whether the ruleset was written to accept it.</summary>
public sealed record CheckProbe(string Client, int Family, string Protocol, int Port, bool Accepted)
{
    public override string ToString() => $"{Client} ipv{Family} {Protocol}/{Port} {(Accepted ? "accepted" : "refused")}";
}

/// <summary>A ruleset loaded into the server by its backend's own loader, and the packets that prove what it does.</summary>
public sealed record CheckCase(IReadOnlyList<(string Loader, string Text)> Loads, IReadOnlyList<CheckProbe> Probes)
{
    /// <summary>Docker's layout: the listeners sit in a container namespace the server forwards to, not in the server.</summary>
    public bool Container { get; init; }

    public IReadOnlyList<int> ContainerPorts { get; init; } = [];
}

/// <summary>
/// The suite `port check` must agree with real traffic on: orders, policies, ranges, sets, interfaces, conntrack,
/// IPv6, jumps and gotos, verdict maps, several tables, both iptables backends and a docker-like layout.
/// Client A comes in on nls0 from 198.18.90.0/24 and 2001:db8:90::/64; client B on nls1 from 198.18.91.0/24 and 2001:db8:91::/64.
/// </summary>
public static class CheckRulesets
{
    private static CheckProbe P(string client, int family, string protocol, int port, bool accepted) => new(client, family, protocol, port, accepted);

    private static CheckCase Nft(string text, params CheckProbe[] probes) => new([("nft", text)], probes);

    private static CheckCase Ipt(string text, params CheckProbe[] probes) => new([("iptables-nft-restore", text)], probes);

    public static readonly IReadOnlyDictionary<string, CheckCase> All = new Dictionary<string, CheckCase>
    {
        ["nft-policy-drop-one-port-open"] = Nft("""
            table inet fw {
              chain input { type filter hook input priority 0; policy drop;
                ct state established,related accept
                tcp dport 22 accept
              }
            }
            """, P("A", 4, "tcp", 22, true), P("A", 4, "tcp", 80, false), P("A", 4, "udp", 22, false)),

        ["nft-drop-before-accept"] = Nft("""
            table inet fw {
              chain input { type filter hook input priority 0; policy accept;
                tcp dport 8472 drop
                tcp dport 8472 accept
              }
            }
            """, P("A", 4, "tcp", 8472, false), P("A", 4, "udp", 8472, true), P("A", 6, "tcp", 8473, true)),

        ["nft-accept-then-drop-everything"] = Nft("""
            table inet fw {
              chain input { type filter hook input priority 0;
                meta l4proto ipv6-icmp accept
                tcp dport 443 counter accept comment "web"
                counter drop
              }
            }
            """, P("A", 4, "tcp", 443, true), P("A", 4, "tcp", 444, false), P("A", 6, "tcp", 443, true), P("A", 6, "udp", 443, false)),

        ["nft-ranges-and-anonymous-sets"] = Nft("""
            table inet fw {
              chain input { type filter hook input priority 0; policy drop;
                tcp dport 8000-8010 accept
                udp dport { 5000-5005, 6000 } accept
              }
            }
            """, P("A", 4, "tcp", 8005, true), P("A", 4, "tcp", 8011, false), P("A", 4, "udp", 5003, true), P("A", 4, "udp", 6000, true), P("A", 4, "udp", 6001, false)),

        ["nft-named-sets"] = Nft("""
            table inet fw {
              set ports { type inet_service; elements = { 22, 8080 } }
              set nets { type ipv4_addr; flags interval; elements = { 198.18.90.0/24, 10.0.0.1-10.0.0.9 } }
              chain input { type filter hook input priority 0; policy drop;
                ip saddr @nets tcp dport @ports accept
              }
            }
            """, P("A", 4, "tcp", 8080, true), P("B", 4, "tcp", 8080, false), P("A", 4, "tcp", 8081, false)),

        ["nft-interfaces"] = Nft("""
            table inet fw {
              chain input { type filter hook input priority 0; policy drop;
                iifname "nls1" tcp dport 7000 drop
                iifname "nls*" tcp dport 7000-7001 accept
              }
            }
            """, P("A", 4, "tcp", 7000, true), P("B", 4, "tcp", 7000, false), P("B", 4, "tcp", 7001, true), P("A", 4, "tcp", 7002, false)),

        ["nft-conntrack"] = Nft("""
            table inet fw {
              chain input { type filter hook input priority 0; policy drop;
                ct state invalid drop
                ct state established,related accept
                ct state new tcp dport 2222 accept
                ct state != new udp dport 2223 accept
              }
            }
            """, P("A", 4, "tcp", 2222, true), P("A", 4, "tcp", 2223, false), P("A", 4, "udp", 2223, false)),

        ["nft-jump-and-return"] = Nft("""
            table inet fw {
              chain allow {
                tcp dport 3000 return
                tcp dport 3000-3010 accept
              }
              chain input { type filter hook input priority 0; policy drop;
                jump allow
              }
            }
            """, P("A", 4, "tcp", 3000, false), P("A", 4, "tcp", 3005, true), P("A", 4, "tcp", 3011, false)),

        ["nft-goto-falls-to-policy"] = Nft("""
            table inet fw {
              chain sub {
                tcp dport 4005 accept
              }
              chain input { type filter hook input priority 0; policy drop;
                tcp dport 4000-4010 goto sub
                tcp dport 4000-4010 accept
              }
            }
            """, P("A", 4, "tcp", 4005, true), P("A", 4, "tcp", 4006, false), P("A", 4, "tcp", 4020, false)),

        ["nft-verdict-map"] = Nft("""
            table inet fw {
              chain sub {
                accept
              }
              chain input { type filter hook input priority 0; policy drop;
                tcp dport vmap { 5500 : accept, 5501 : drop, 5502 : jump sub }
              }
            }
            """, P("A", 4, "tcp", 5500, true), P("A", 4, "tcp", 5501, false), P("A", 4, "tcp", 5502, true), P("A", 4, "tcp", 5503, false)),

        ["nft-accept-in-one-table-does-not-override-drop-in-another"] = Nft("""
            table inet first {
              chain input { type filter hook input priority 0; policy accept;
                tcp dport 6500 accept
              }
            }
            table inet second {
              chain input { type filter hook input priority 10; policy drop;
                tcp dport 6501 accept
              }
            }
            """, P("A", 4, "tcp", 6500, false), P("A", 4, "tcp", 6501, true)),

        ["nft-ipv6-and-ipv4-sources"] = Nft("""
            table inet fw {
              chain input { type filter hook input priority 0; policy drop;
                meta l4proto ipv6-icmp accept
                ip6 saddr 2001:db8:90::/64 tcp dport 22 accept
                ip saddr 198.18.90.0/24 tcp dport 22 accept
              }
            }
            """, P("A", 6, "tcp", 22, true), P("B", 6, "tcp", 22, false), P("A", 4, "tcp", 22, true), P("B", 4, "tcp", 22, false)),

        ["nft-ip6-table-leaves-ipv4-alone"] = Nft("""
            table ip6 fw {
              chain input { type filter hook input priority 0; policy drop;
                icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept
                tcp dport 80 accept
              }
            }
            """, P("A", 4, "tcp", 81, true), P("A", 6, "tcp", 81, false), P("A", 6, "tcp", 80, true)),

        ["nft-reject"] = Nft("""
            table inet fw {
              chain input { type filter hook input priority 0; policy accept;
                tcp dport 9100 reject with tcp reset
                udp dport 9100 reject
              }
            }
            """, P("A", 4, "tcp", 9100, false), P("A", 4, "udp", 9100, false), P("A", 4, "tcp", 9101, true), P("A", 4, "udp", 9101, true)),

        ["nft-negations"] = Nft("""
            table inet fw {
              chain input { type filter hook input priority 0; policy accept;
                meta nfproto ipv4 ip saddr != 198.18.90.0/24 drop
                tcp dport != { 1234, 1235 } drop
              }
            }
            """, P("A", 4, "tcp", 1234, true), P("B", 4, "tcp", 1234, false), P("A", 4, "tcp", 1236, false), P("A", 4, "udp", 1236, true)),

        ["nft-prerouting-drop"] = Nft("""
            table inet early {
              chain pre { type filter hook prerouting priority -300; policy accept;
                ip saddr 198.18.91.0/24 tcp dport 1500 drop
              }
            }
            table inet fw {
              chain input { type filter hook input priority 0; policy accept;
              }
            }
            """, P("B", 4, "tcp", 1500, false), P("A", 4, "tcp", 1500, true), P("B", 4, "tcp", 1501, true)),

        ["nft-destination-address"] = Nft("""
            table ip fw {
              chain input { type filter hook input priority 0; policy drop;
                ip daddr 198.18.90.1 tcp dport 1600 accept
              }
            }
            """, P("A", 4, "tcp", 1600, true), P("B", 4, "tcp", 1600, false)),

        ["iptables-policy-drop-multiport"] = Ipt("""
            *filter
            :INPUT DROP [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
            -A INPUT -p udp -m multiport --dports 53,1000:1010 -j ACCEPT
            COMMIT
            """, P("A", 4, "tcp", 22, true), P("A", 4, "tcp", 23, false), P("A", 4, "udp", 53, true), P("A", 4, "udp", 1005, true), P("A", 4, "udp", 1011, false)),

        ["iptables-the-sheets-mistake"] = Ipt("""
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -p tcp -m tcp --dport 8472 -j DROP
            -A INPUT -p tcp -m tcp --dport 8472 -j ACCEPT
            COMMIT
            """, P("A", 4, "udp", 8472, true), P("A", 4, "tcp", 8472, false)),

        ["iptables-user-chain-return"] = Ipt("""
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :SVC - [0:0]
            -A INPUT -j SVC
            -A INPUT -j DROP
            -A SVC -s 198.18.91.0/24 -j RETURN
            -A SVC -p tcp -m tcp --dport 2000:2100 -j ACCEPT
            COMMIT
            """, P("A", 4, "tcp", 2050, true), P("B", 4, "tcp", 2050, false), P("A", 4, "tcp", 2200, false)),

        ["iptables-interfaces-and-negation"] = Ipt("""
            *filter
            :INPUT DROP [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT ! -i nls0 -p tcp -m tcp --dport 3300 -j REJECT --reject-with tcp-reset
            -A INPUT -i nls+ -j ACCEPT
            COMMIT
            """, P("A", 4, "tcp", 3300, true), P("B", 4, "tcp", 3300, false), P("B", 4, "tcp", 3301, true)),

        ["iptables-state-comment-dotted-mask"] = Ipt("""
            *filter
            :INPUT DROP [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
            -A INPUT -s 198.18.90.0/255.255.255.0 -p tcp -m state --state NEW -m tcp --dport 4400 -m comment --comment "web front" -j ACCEPT
            COMMIT
            """, P("A", 4, "tcp", 4400, true), P("B", 4, "tcp", 4400, false)),

        ["ip6tables-source-prefix"] = new([("ip6tables-nft-restore", """
            *filter
            :INPUT DROP [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -p ipv6-icmp -j ACCEPT
            -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A INPUT -s 2001:db8:90::/64 -p tcp -m tcp --dport 22 -j ACCEPT
            COMMIT
            """)], [P("A", 6, "tcp", 22, true), P("B", 6, "tcp", 22, false), P("A", 6, "tcp", 23, false), P("A", 4, "tcp", 23, true)]),

        ["iptables-legacy"] = new([("iptables-legacy-restore", """
            *filter
            :INPUT DROP [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A INPUT -p tcp -m multiport --dports 22,8000:8100 -j ACCEPT
            COMMIT
            """)], [P("A", 4, "tcp", 22, true), P("A", 4, "tcp", 8050, true), P("A", 4, "tcp", 8101, false), P("A", 6, "tcp", 8101, true)]),

        ["iptables-nft-and-native-nft-together"] = new([
            ("iptables-nft-restore", """
            *filter
            :INPUT DROP [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -p tcp -m tcp --dport 5000 -j ACCEPT
            COMMIT
            """),
            ("nft", """
            table inet mine {
              chain input { type filter hook input priority 0; policy accept;
                tcp dport 5001 accept
              }
            }
            """)], [P("A", 4, "tcp", 5000, true), P("A", 4, "tcp", 5001, false)]),

        // DOCKER-USER sees the packet after DNAT: its "--dport 8080" never matches the published 8080 (now 80), "--dport 81" does.
        ["docker-like-published-ports"] = new([("iptables-nft-restore", """
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :DOCKER - [0:0]
            -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
            -A DOCKER -i dk0 -j RETURN
            -A DOCKER ! -i dk0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 198.19.0.2:80
            -A DOCKER ! -i dk0 -p tcp -m tcp --dport 8081 -j DNAT --to-destination 198.19.0.2:81
            COMMIT
            *filter
            :INPUT DROP [0:0]
            :FORWARD DROP [0:0]
            :OUTPUT ACCEPT [0:0]
            :DOCKER - [0:0]
            :DOCKER-USER - [0:0]
            -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A FORWARD -j DOCKER-USER
            -A FORWARD -o dk0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A FORWARD -o dk0 -j DOCKER
            -A FORWARD -i dk0 ! -o dk0 -j ACCEPT
            -A DOCKER -d 198.19.0.2/32 ! -i dk0 -o dk0 -p tcp -m tcp --dport 80 -j ACCEPT
            -A DOCKER -d 198.19.0.2/32 ! -i dk0 -o dk0 -p tcp -m tcp --dport 81 -j ACCEPT
            -A DOCKER-USER -p tcp -m tcp --dport 8080 -j DROP
            -A DOCKER-USER -s 198.18.91.0/24 -p tcp -m tcp --dport 81 -j DROP
            -A DOCKER-USER -j RETURN
            COMMIT
            """)], [P("A", 4, "tcp", 8080, true), P("B", 4, "tcp", 8080, true), P("A", 4, "tcp", 8081, true), P("B", 4, "tcp", 8081, false), P("A", 4, "tcp", 8082, false)])
        {
            Container = true,
            ContainerPorts = [80, 81],
        },
    };
}
