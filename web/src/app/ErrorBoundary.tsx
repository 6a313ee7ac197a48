import { Component, type ReactNode } from 'react';
import { ErrorBanner } from '~/ui/ErrorBanner';

/**
 * The last line of defence: a render error shows the error and a way to try again instead of
 * an empty page. Resets when `resetKey` (the location) changes.
 */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error: unknown; key: string }
> {
  override state = { error: null as unknown, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { error: unknown; key: string },
  ) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="page">
        <ErrorBanner error={this.state.error} onRetry={() => this.setState({ error: null })} />
      </div>
    );
  }
}
