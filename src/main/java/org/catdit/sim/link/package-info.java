/**
 * The link layer on a virtual clock: {@link org.catdit.sim.link.LinkSimulation} connects {@link
 * org.catdit.overlay.link.LinkEndpoint}s through a modelled network (bottlenecks with drop-tail
 * queues, delay, loss, reordering, duplication, MTU), and {@link
 * org.catdit.sim.link.TransferScenario} measures goodput, fairness and control-message latency.
 */
package org.catdit.sim.link;
