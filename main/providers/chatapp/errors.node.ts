export {
  ProviderAuthError as ChatAppAuthError,
  ProviderUnavailable as ChatAppUnavailable,
  ProviderRequestError as ChatAppRequestError,
} from '../errors.node.ts';
